import { REST, Routes } from 'discord.js';
import type { CommandDefinition } from '../../../commands/types.ts';
import { commandPayloads, type CommandPayload, type CommandScope } from './command-payloads.ts';

/** What {@link registerCommands} needs. */
export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this server only (instant, for testing); global when absent. */
  guildId?: string;
  /** REST API base without version (default `https://discord.com/api`). */
  apiUrl?: string;
  commands: readonly CommandDefinition[];
}

/** What registration changed, by command name. */
export interface RegisterResult {
  scope: CommandScope;
  guildId: string | null;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** The same, for people: one line per kind of change. */
  summary: string;
}

type Registered = Record<string, unknown> & { name: string };

/**
 * Registers the bot's commands: fetches those registered now, overwrites
 * them all with one bulk PUT (guild-scoped when `guildId` is set, global
 * otherwise) and says what was added, changed, removed or left unchanged.
 */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const scope: CommandScope = options.guildId ? 'guild' : 'global';
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const wanted = commandPayloads(options.commands, scope);
  const before = (await rest.get(route)) as Registered[];
  await rest.put(route, { body: wanted });
  return diffCommands(before, wanted, scope, options.guildId ?? null);
}

/** Compares what was registered with what is wanted, on the fields the bot sets. */
export function diffCommands(before: readonly Registered[], wanted: readonly CommandPayload[], scope: CommandScope, guildId: string | null): RegisterResult {
  const old = new Map(before.map((c) => [c.name, c]));
  const result = { scope, guildId, added: [] as string[], changed: [] as string[], removed: [] as string[], unchanged: [] as string[] };
  for (const command of wanted) {
    const previous = old.get(command.name);
    if (!previous) result.added.push(command.name);
    else if (comparable(previous, scope) === comparable(command as unknown as Registered, scope)) result.unchanged.push(command.name);
    else result.changed.push(command.name);
  }
  const names = new Set(wanted.map((c) => c.name));
  result.removed = before.map((c) => c.name).filter((name) => !names.has(name));
  return { ...result, summary: describe(result, wanted.length) };
}

// The fields the bot sets, with Discord's defaults filled in, as a string to compare.
function comparable(command: Registered, scope: CommandScope): string {
  const c = command as Record<string, any>;
  const sorted = (list: unknown) => (Array.isArray(list) ? [...list].sort() : null);
  return JSON.stringify({
    type: c.type ?? 1,
    description: c.description ?? '',
    permissions: c.default_member_permissions ?? null,
    nsfw: c.nsfw ?? false,
    ...(scope === 'global' ? { contexts: sorted(c.contexts), integrationTypes: sorted(c.integration_types ?? [0]) } : {}),
    options: ((c.options ?? []) as Array<Record<string, any>>).map((o) => ({
      type: o.type,
      name: o.name,
      description: o.description,
      required: o.required ?? false,
      autocomplete: o.autocomplete ?? false,
      maxLength: o.max_length ?? null,
      choices: o.choices?.map((ch: { name: string; value: unknown }) => [ch.name, ch.value]) ?? null,
      channelTypes: sorted(o.channel_types),
    })),
  });
}

function describe(r: Omit<RegisterResult, 'summary'>, count: number): string {
  const where = r.scope === 'guild' ? `in server ${r.guildId} (available at once)` : 'globally (Discord clients may take a while to show changes)';
  const line = (label: string, names: string[]) => `  ${label.padEnd(10)} ${names.length > 0 ? names.map((n) => `/${n}`).join(', ') : '-'}`;
  return [
    `Registered ${count} command${count === 1 ? '' : 's'} ${where}:`,
    line('added', r.added),
    line('changed', r.changed),
    line('removed', r.removed),
    line('unchanged', r.unchanged),
  ].join('\n');
}
