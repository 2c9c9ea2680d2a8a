// `npm run demo`: starts the demo (demo/app.ts) on HOST:PORT (default 127.0.0.1:4000) and stops it on a signal.
import { startDemo } from './app.ts';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);
const demo = await startDemo({
  host,
  port,
  ...(process.env.PAID_SANDBOX_SECRET_KEY ? { secretKey: process.env.PAID_SANDBOX_SECRET_KEY } : {}),
}).catch((error: unknown) => {
  if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
  console.error(`paid-checkout demo: ${host}:${port} is in use (another demo?). Choose another port: PORT=${port + 10} npm run demo`);
  process.exit(1);
});
console.log(`paid-checkout demo: ${demo.origin}/`);
console.log(`sandbox secret key: ${demo.sandbox.secretKey}`);
console.log(`merchant webhooks: ${demo.origin}/merchant/webhooks (billing-checkout-completed)`);

function stop(): void {
  void demo.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
