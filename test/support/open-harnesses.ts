/**
 * Harnesses started and not closed yet, in a module of its own so that every test file's
 * set-up (file-hygiene.ts) can close leftovers without importing the whole app.
 */
const open = new Set<{ close(): Promise<void> }>();

export const trackOpen = (h: { close(): Promise<void> }) => open.add(h);
export const untrackOpen = (h: { close(): Promise<void> }) => open.delete(h);

export async function closeOpenHarnesses(): Promise<number> {
  const left = [...open];
  for (const h of left) await h.close().catch(() => undefined);
  return left.length;
}
