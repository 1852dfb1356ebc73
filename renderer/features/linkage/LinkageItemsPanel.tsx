import { useRef, useState } from 'react';
import { basisOn, officeLinkageItems, type LegalBasis, type LinkageItem } from '../../../shared/linkage/legalReferences';
import { linkageKindLabels } from '../../../shared/linkage/linkageKinds';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { localDateOf } from '../../ui/TimeText';
import { useServices } from '../../session/SessionProvider';
import { ConfirmBar } from '../admin/ConfirmBar';
import { useOfficeSettings } from '../settings/useOfficeSettings';
import { BasisEditor } from './BasisEditor';

/**
 * 連携項目と根拠法令: the items in force and the legal basis of each, by period. Whether the old 別表第二 numbers
 * carry over into the 主務省令 is unverified, so the administrator can correct a basis or add the confirmed one
 * here; the table is saved in the settings, and each queued record keeps the text in force on its day.
 */
export function LinkageItemsPanel() {
  const today = localDateOf(new Date().toISOString());
  const services = useServices();
  // Followed: a table saved in another window shows here at once.
  const settings = useOfficeSettings();
  const [editing, setEditing] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement | null>());
  const resetButton = useRef<HTMLButtonElement>(null);

  if (settings.state === 'loading') return <p>読み込んでいます…</p>;
  if (settings.state === 'failed') return <FormAlert message={settings.message} />;
  const ownTable = settings.value.linkage?.items !== undefined;
  const items = officeLinkageItems(settings.value.linkage?.items);

  // Closing an editor or a confirmation gives the focus back to the button that opened it.
  const refocus = (button: HTMLButtonElement | null | undefined) => setTimeout(() => button?.focus(), 0);
  const closeEditor = (code: string) => {
    setEditing(null);
    refocus(editButtons.current.get(code));
  };
  const closeReset = () => {
    setResetting(false);
    refocus(resetButton.current);
  };
  const saveBasis = async (code: string, basis: LegalBasis[]) => {
    // The table as stored now, not as this screen last showed it: only this item's basis changes.
    const current = officeLinkageItems((await services.settings.get()).linkage?.items);
    await services.settings.update({ linkage: { items: current.map((item) => (item.code === code ? { ...item, basis } : item)) } });
    setNotice(`「${items.find((item) => item.code === code)?.label ?? code}」の根拠法令を保存しました。`);
    closeEditor(code);
  };
  const resetToDefaults = async () => {
    setError(null);
    try {
      await services.settings.update({ linkage: { items: null } });
      setNotice('連携項目と根拠法令を既定の表に戻しました。');
      closeReset();
    } catch (e) {
      setError(`既定に戻せませんでした: ${messageOf(e)}`);
    }
  };
  const edited = items.find((item) => item.code === editing);

  return (
    <section aria-labelledby="linkage-items-title">
      <h3 id="linkage-items-title">連携項目と根拠法令</h3>
      <p className="hint">
        {ownTable ? 'この事務所で編集した表を使っています。' : '既定の表を使っています。'}
        連携ファイルを書き出す日に有効な根拠法令が各記録に記録されます。「要確認」は、命令の条文とまだ照合していない根拠法令です。
      </p>
      <table className="data-table" aria-labelledby="linkage-items-title">
        <thead>
          <tr>
            <th scope="col">種別</th>
            <th scope="col">項目</th>
            <th scope="col">情報提供者</th>
            <th scope="col">根拠法令</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.code}>
              <td>{linkageKindLabels[item.kind]}</td>
              <th scope="row">{item.label}</th>
              <td>{item.provider ?? '—'}</td>
              <td>
                <BasisList item={item} today={today} />
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  ref={(el) => void editButtons.current.set(item.code, el)}
                  onClick={() => setEditing(item.code)}
                  aria-label={`${item.label}の根拠法令を編集`}
                  aria-expanded={editing === item.code}
                >
                  編集
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edited && (
        <BasisEditor key={edited.code} item={edited} today={today} onSave={(basis) => saveBasis(edited.code, basis)} onDone={() => closeEditor(edited.code)} />
      )}
      <div className="actions">
        <button type="button" className="secondary" ref={resetButton} disabled={!ownTable} onClick={() => setResetting(true)}>
          既定に戻す
        </button>
      </div>
      <p role="status">{notice}</p>
      <FormAlert message={error} />
      {resetting && (
        <ConfirmBar
          title="連携項目と根拠法令を既定の表に戻しますか？"
          detail="この事務所で編集した根拠法令は失われます。既に送信した記録の根拠法令は変わりません。"
          confirmLabel="既定の表に戻す"
          onConfirm={resetToDefaults}
          onCancel={closeReset}
        />
      )}
    </section>
  );
}

/** Each period of an item's basis, the one in force today marked, and 要確認 where nobody has checked it yet. */
function BasisList({ item, today }: { item: LinkageItem; today: string }) {
  const current = basisOn(item, today);
  return (
    <>
      {!current && <p className="field-error">本日時点の根拠法令がありません（この項目の連携データは書き出されません）</p>}
      <ul>
        {item.basis.map((basis) => (
          <li key={basis.from}>
            <DateText date={basis.from} />〜{basis.to && <DateText date={basis.to} />}
            {basis === current && '（現在有効）'}
            {!basis.verified && <span className="badge">要確認</span>}
            <br />
            {basis.text}
            {basis.source && <span className="hint">（出典: {basis.source}）</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
