import { Component, type ErrorInfo, type ReactNode } from 'react';

type State = { error: Error | null };

/** Catches a screen's rendering error, says so in Japanese, and lets the user try again without restarting. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('画面の表示中にエラーが発生しました', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error-panel">
        <h2>画面を表示できませんでした</h2>
        <p>入力中の内容は保存されていない可能性があります。もう一度お試しください。解決しない場合は管理者に連絡してください。</p>
        <p className="error-detail">{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          再表示する
        </button>
      </div>
    );
  }
}
