'use client';
import { memo } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';

function ErrorBannerImpl() {
  const store = usePlaygroundStore();
  const error = usePg((s) => s.error);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <span aria-hidden="true">✕</span> <span>{error}</span>
      <button type="button" onClick={() => store.getState().clearError()} aria-label="Dismiss message">Dismiss</button>
    </div>
  );
}
export const ErrorBanner = memo(ErrorBannerImpl);
