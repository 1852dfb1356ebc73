/** The source register of benefit-rules.md §0, shortened to what a basis line needs to name. */
export const sourceRegister = {
  S1: 'OpenFisca-Japan（MHLW 000776372.pdf 令和3年4月ほか）',
  S2: 'Ailiber1/seikatsuhogo（MHLW 001152601.pdf 令和8年4月算出方法・基準部会資料4）',
  S3: 'fukushi-navi（告示第158号 令和8年告示第245号改正後の現行文）',
  S4: '千葉県「生活保護の基準（令和7年10月1日以降）」',
  S5: '春日部市案件の定数（埼玉県住宅扶助・社援保発0513第1号）',
  S7: '支援制度カタログ（MHLW 001662704.pdf）',
  S8: 'WelfareCalculator（令和5-6年度基準の概算）',
  S9: 'kotoba-lang/insurance（MHLW 別添2）',
  S10: 'myclinic KouhiVerifier',
  S11: 'マイナンバー検査用数字の実装・解説（総務省令第85号）',
  S12: 'iuris.jp 生活保護法・施行規則条文',
  S13: '返還金・徴収金の解説ページ（別冊問答集）',
  S14: '網走市ほか 進学・就職準備給付金の案内',
  S15: '就労自立給付金の解説（平成26年7月施行通知の引用）',
  S16: 'livedoor 2026-03-13（高等学校等就学費 令和7年4月現在）',
  S17: '教育扶助・住宅扶助の旧額を載せた解説ページ',
  S18: '法別番号12を定義するコード',
} as const;

export type SourceId = keyof typeof sourceRegister;
