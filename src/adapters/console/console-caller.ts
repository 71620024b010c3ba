import type { Invocation } from '../../../commands/types.ts';

/** Who asks in the console (the chat and `npm run ask`): the operator, who may manage everything. */
export const CONSOLE_CALLER: Invocation = Object.freeze({ platform: 'console', userId: 'console', channelId: 'console', serverId: null, canManage: true });
