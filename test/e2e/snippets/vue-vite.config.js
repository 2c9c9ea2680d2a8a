// vite.config.js — with @vitejs/plugin-vue: <paid-checkout> is a custom element, not a Vue component.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'paid-checkout' } } })],
});
