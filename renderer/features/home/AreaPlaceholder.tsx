/** Holds an area's place in the menu until its feature arrives, saying what it will do. */
export function AreaPlaceholder({ title, purpose }: { title: string; purpose: string }) {
  return (
    <section aria-labelledby="area-title">
      <h2 id="area-title">{title}</h2>
      <p>{purpose}</p>
      <p className="notice">この機能は準備中です。</p>
    </section>
  );
}
