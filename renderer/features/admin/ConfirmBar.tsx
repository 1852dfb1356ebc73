import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * An in-page confirmation for an action that cannot be undone (deactivating a user, restoring a backup):
 * focus moves to it, Escape or やめる cancels, and the confirm button stays disabled while the action runs.
 */
export function ConfirmBar({
  title,
  detail,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  detail: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  /** A choice that goes with the action (deactivating: rotate the data key too). */
  children?: ReactNode;
}) {
  const id = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => confirmRef.current?.focus(), []);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-detail`}
      className="panel confirm"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p id={`${id}-title`} className="confirm-title">
        {title}
      </p>
      <p id={`${id}-detail`}>{detail}</p>
      {children}
      <div className="actions">
        <button type="button" className="danger" ref={confirmRef} disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
    </div>
  );
}
