import { FormAlert } from './FormAlert';

/** The end of an edit form: why the save failed (if it did), then 保存する and やめる. */
export function SaveOrCancel({ failure, saving, onCancel }: { failure: string | null; saving: boolean; onCancel: () => void }) {
  return (
    <>
      <FormAlert message={failure} />
      <button type="submit" disabled={saving}>
        保存する
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        やめる
      </button>
    </>
  );
}
