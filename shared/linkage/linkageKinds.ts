/**
 * What the office sends through the 団体内統合宛名システム to the 中間サーバー (mission-anchors §B–C). Each kind is
 * one queue of the linkage outbox and one record type of the exchange files (exchangeFormat.ts).
 */
export const linkageKinds = ['replicaRegistration', 'inquiry', 'medicalEligibility', 'medicalTicketData', 'publicFundsAccount'] as const;
export type LinkageKind = (typeof linkageKinds)[number];

export const linkageKindLabels: Record<LinkageKind, string> = {
  replicaRegistration: '副本登録（生活保護関係情報）',
  inquiry: '情報照会',
  medicalEligibility: '資格情報登録（医療扶助オンライン資格確認）',
  medicalTicketData: '医療券・調剤券データ',
  publicFundsAccount: '公金受取口座照会',
};

/**
 * Where one linkage record stands, as the case screen shows it. pending: queued, not yet in an exchange file ·
 * sent: written to an exchange file · accepted: registered at the 中間サーバー · answered: an inquiry's result
 * came back · rejected: the other side refused it and it needs correction (then retry) · suppressed: not sent,
 * because the person's 不開示 flag is set · blocked: cannot be sent until something on the case is filled in.
 */
export const linkageStatuses = ['pending', 'sent', 'accepted', 'answered', 'rejected', 'suppressed', 'blocked'] as const;
export type LinkageStatus = (typeof linkageStatuses)[number];

export const linkageStatusLabels: Record<LinkageStatus, string> = {
  pending: '送信待ち',
  sent: '送信済み（結果待ち）',
  accepted: '登録済み',
  answered: '回答あり',
  rejected: '要訂正（差戻し）',
  suppressed: '不開示のため送信しない',
  blocked: '送信できません（要入力）',
};
