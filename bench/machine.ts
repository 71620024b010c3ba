/** The machine a report's figures came from. */
import { cpus, freemem, platform, release, totalmem } from 'node:os';

/** CPU, cores, memory, OS, Node and date of a run. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  freeRamGiB: number;
  os: string;
  node: string;
  date: string;
}

/** Describes this machine now. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeRamGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}
