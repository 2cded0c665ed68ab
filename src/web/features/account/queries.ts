import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { get } from '../../http/client';
import type { Me } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';

export type OwnSession = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
};
export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
};
export type TotpSetup = { secret: string; otpauthUrl: string };
export type UserTotpStatus = {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
};
export type TwoStepSettings = { totpRequiredRoles: Me['role'][]; version: number };

export const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
  userTotp: (id: string) => ['account', 'user-totp', id] as const,
  twoStepSettings: ['account', 'two-step-settings'] as const,
};

export function useOwnSessions() {
  return useQuery({
    queryKey: accountKeys.sessions,
    queryFn: async () => (await get<{ items: OwnSession[] }>('/auth/sessions')).items,
  });
}

export function useOwnTokens() {
  return useQuery({
    queryKey: accountKeys.tokens,
    queryFn: async () => (await get<{ items: ApiToken[] }>('/tokens')).items,
  });
}

/** An admin's view of a user's second factor. */
export function useUserTotp(userId: string) {
  return useQuery({
    queryKey: accountKeys.userTotp(userId),
    queryFn: () => get<UserTotpStatus>(`/users/${userId}/totp`),
  });
}

export function useTwoStepSettings() {
  return useQuery({
    queryKey: accountKeys.twoStepSettings,
    queryFn: () => get<TwoStepSettings>('/settings/two-step'),
  });
}

/**
 * The user's own language (users.language), when they chose one, wins over this browser's
 * last choice: applied when it is first known and whenever it changes.
 */
export function useAccountLanguage(language: Me['language']) {
  const { lang, setLang } = useI18n();
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the saved choice applies it; the top bar's switch stays free in between
  useEffect(() => {
    if (language && language !== lang) setLang(language);
  }, [language]);
}

/** "Mozilla/5.0 (Windows NT 10.0…) … Chrome/126…" → "Chrome（Windows）". */
export function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} (${os})`;
  return browser ?? os ?? ua.slice(0, 60);
}
