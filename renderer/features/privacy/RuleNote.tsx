/** 要確認 beside a rule the reference could not confirm, with its source on hover. */
export function RuleNote({ rule }: { rule: { source: string; confirmed: boolean } }) {
  return (
    <span className="hint">
      根拠: {rule.source}
      {!rule.confirmed && <span className="badge">要確認</span>}
    </span>
  );
}
