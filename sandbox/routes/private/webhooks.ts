// Paid's `webhooks` resource: list the account's webhooks, set one's URL and switch, send a test.
import { sendJson } from '../../http.ts';
import { route, type Route } from './router.ts';
import { readJsonBody } from '../../http.ts';

export const webhookRoutes: Route[] = [
  route('GET', '/webhooks', (call) => sendJson(call.response, 200, call.context.webhooks.list(call.account))),
  route('PATCH', '/webhooks/{id}', async (call) => {
    const { value } = await readJsonBody(call.request, { required: true });
    sendJson(call.response, 200, call.context.webhooks.update(call.account, call.params[0] ?? '', value));
  }),
  route('POST', '/webhooks/{id}/test', async (call) => {
    await readJsonBody(call.request, { required: false });
    sendJson(call.response, 200, await call.context.webhooks.test(call.account, call.params[0] ?? ''));
  }),
];
