export { startSlackApiDouble } from './api-server.ts';
export { signSlackRequest, slackSignature, slackTimestamp, contentTypeFor } from './signing.ts';
export type { SlackRequestHeaders } from './signing.ts';
export { slashCommandBody, blockActionBody, blockActionPayload, fakeTriggerId } from './payloads.ts';
export type { SlashCommandOptions, BlockActionOptions } from './payloads.ts';
export { postToBolt, startBoltOnLoopback, createCapturingLogger } from './bolt-client.ts';
export type { BoltResponse, BoltListening, CapturingLogger, LogLine, StartableOverHttp } from './bolt-client.ts';
export type {
  RecordedCall,
  SlackApiDouble,
  SlackApiDoubleOptions,
  SocketModeDouble,
  SlackUser,
  SlackChannel,
  ChannelError,
} from './types.ts';
