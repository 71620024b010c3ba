import type { Route } from './route.ts';
import { sendJson } from './route.ts';

/** Whether the process should get traffic, and if not, why (short, fixed phrases: never a setting's value). */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/** The readiness check the app supplies (library loaded, adapters started, not draining, database answering...). */
export type ReadinessCheck = () => Promise<Readiness>;

/** A readiness check that takes longer than this counts as not ready (a database that hangs). */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * `GET /healthz`: 200 while the process runs (liveness). `GET /readyz`: 200
 * when `check` says ready, else 503 with the reasons (readiness: starting,
 * draining, a dependency down). Neither says anything about the configuration.
 */
export function healthRoutes(check: ReadinessCheck): Route[] {
  return [
    { method: 'GET', path: '/healthz', handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      async handle(_req, res) {
        const readiness = await withinTimeout(check);
        sendJson(res, readiness.ready ? 200 : 503, readiness.ready ? { status: 'ready' } : { status: 'not ready', reasons: readiness.reasons });
      },
    },
  ];
}

async function withinTimeout(check: ReadinessCheck): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reasons: ['readiness check timed out'] }), READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch((): Readiness => ({ ready: false, reasons: ['readiness check failed'] })), late]);
  } finally {
    clearTimeout(timer);
  }
}
