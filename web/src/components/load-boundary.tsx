/**
 * A part of the app that fails to load (a release replaced its files while the page was open, or the network
 * dropped while fetching it) says so and offers to reload, instead of showing "Đang tải…" for ever.
 */
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/strings.ts';
import { common } from './common.strings.ts';

function LoadFailed() {
  const t = useT(common);
  return (
    <main id="main" className="page">
      <div className="error-box" role="alert">
        <p>{t('loadFailed')}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('reloadPage')}
        </button>
      </div>
    </main>
  );
}

export class LoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}
