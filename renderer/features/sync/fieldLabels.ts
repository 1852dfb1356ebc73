/** The fields merged per field (households, members, visit plans), named as the case screens name them. */
const fieldLabels: Record<string, string> = {
  address: '住所',
  phone: '電話番号',
  municipality: '市町村',
  housing: '住居',
  assignedTo: '担当ケースワーカー',
  status: '状態',
  name: '氏名',
  kana: 'カナ',
  birthDate: '生年月日',
  sex: '性別',
  relation: '続柄',
  atenaNumber: '宛名番号',
  nonDisclosure: '不開示の申出',
  workCapacity: '稼働能力',
  disability: '障害',
  school: '在学',
  pregnancy: '妊産婦',
  healthInsurance: '医療保険',
  careInsurance: '介護保険',
  payeeAccount: '受取口座',
  grade: '訪問格付け',
  nextDueOn: '次回訪問予定日',
  note: 'メモ',
  startedOn: '計画の起算日',
  lastVisitOn: '最終訪問日',
};

export const fieldLabel = (field: string): string => fieldLabels[field] ?? field;

/** A conflicting value as text: strings as they are, absent as 「（なし）」, anything structured as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（なし）';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'number') return value.toLocaleString('ja-JP');
  return JSON.stringify(value);
}
