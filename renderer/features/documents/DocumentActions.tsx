import { useState } from 'react';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { useLoaded } from '../../ui/useLoaded';

/**
 * A 帳票's 印刷する and PDFで保存 (where the host can save one), off paper: each logged in the audit chain by the
 * documents service before the document leaves. `what` names the document in the log, `fileTitle` the PDF.
 */
export function DocumentActions({ what, householdId, fileTitle }: { what: string; householdId: string | null; fileTitle: string }) {
  const services = useServices();
  const savesPdf = useLoaded(() => services.documents.savesPdf(), [services]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (action: () => Promise<void>, failed: string) => {
    setFailure(null);
    setSaved(null);
    try {
      await action();
    } catch (error) {
      setFailure(`${failed}: ${messageOf(error)}`);
    }
  };
  return (
    <div className="no-print">
      <div className="actions">
        <button type="button" onClick={() => void run(() => services.documents.print(what, householdId), '印刷できませんでした')}>
          印刷する
        </button>
        {savesPdf.state === 'ready' && savesPdf.value && (
          <button
            type="button"
            onClick={() => void run(async () => setSaved(await services.documents.savePdf(what, householdId, fileTitle)), 'PDFを保存できませんでした')}
          >
            PDFで保存
          </button>
        )}
      </div>
      <p role="status">{saved ? `PDFを保存しました: ${saved}` : ''}</p>
      <FormAlert message={failure} />
    </div>
  );
}
