// What a browser tab gives the element that Node has not: its address (`location`) and its
// `sessionStorage` (where the pay-attempt controller keeps a payment under way), over a Map the
// tests read and clear. Imported for its effect by the Node tests that run real controllers.

export const pageUrl = 'https://shop.example/pricing';
Object.defineProperty(globalThis, 'location', { value: { href: pageUrl, search: '', origin: 'https://shop.example' }, configurable: true });

/** The tab's sessionStorage; cleared by each test (or run). */
export const tabStorage = new Map<string, string>();

/** Whether the tab's storage refuses to keep anything (Safari's private mode, a full quota): `setItem` throws, as they do. */
export const storageRefusal = { refuses: false };
Object.defineProperty(globalThis, 'sessionStorage', {
  configurable: true,
  value: {
    get length() {
      return tabStorage.size;
    },
    key: (index: number) => [...tabStorage.keys()][index] ?? null,
    getItem: (key: string) => tabStorage.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (storageRefusal.refuses) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      tabStorage.set(key, String(value));
    },
    removeItem: (key: string) => void tabStorage.delete(key),
    clear: () => tabStorage.clear(),
  },
});
