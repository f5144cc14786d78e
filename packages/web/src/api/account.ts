/** 账号安全: one's own password and signed-in devices. */
import { api } from './client.ts';

/** One signed-in device (a session), as GET /api/me/sessions and /api/sessions return it. */
export type SessionRow = {
  /** A short key of the session (not its token). */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
  /** The session of this browser. */
  current: boolean;
  user: { id: string; username: string; displayName: string };
};

/** What the server requires of a new password, as the forms say it. */
export const PASSWORD_RULES_TEXT =
  '至少10位，含大写字母、小写字母、数字、符号中的至少三类，不含用户名，不能是常见密码';

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<{ sessionsEnded: number }>('/api/me/password', { currentPassword, newPassword });
export const listMySessions = () =>
  api.get<{ sessions: SessionRow[] }>('/api/me/sessions').then((r) => r.sessions);
export const endMySession = (id: string) =>
  api.del<{ sessionsEnded: number }>(`/api/me/sessions/${encodeURIComponent(id)}`);
export const endMyOtherSessions = () => api.del<{ sessionsEnded: number }>('/api/me/sessions?scope=others');

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/MicroMessenger/, '微信'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox · Linux" from a User-Agent header, for a person to recognise the device. */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return '未知设备';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1] ?? '浏览器';
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  return system ? `${browser} · ${system}` : browser;
}
