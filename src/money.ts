/** Whole fen as an exact decimal string of yuan ("11111.11"): integer arithmetic, no floating point. */
export function yuanString(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
