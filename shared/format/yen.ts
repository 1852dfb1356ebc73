/** Formats an integer amount of yen the way notices and screens show it: `123,456円`. */
export function formatYen(amount: number): string {
  if (!Number.isInteger(amount)) throw new RangeError(`金額は円単位の整数です: ${amount}`);
  return `${amount.toLocaleString('ja-JP')}円`;
}
