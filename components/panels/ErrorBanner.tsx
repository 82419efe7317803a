'use client';
import { memo } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';

function ErrorBannerImpl() {
  const store = usePlaygroundStore();
  const error = usePg((s) => s.error);
  // a run that reached the page's budget (store/recording.ts) says so until another loads
  const stopped = usePg((s) => s.rec.stopped);
  if (!error && stopped) {
    return (
      <div className="error-banner" role="status" data-testid="budget-stop">
        <span aria-hidden="true">■</span> <span>{stopped}</span>
      </div>
    );
  }
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <span aria-hidden="true">✕</span> <span>{error}</span>
      <button type="button" onClick={() => store.getState().clearError()} aria-label="Dismiss message">Dismiss</button>
    </div>
  );
}
export const ErrorBanner = memo(ErrorBannerImpl);
