import type { CliCommand } from '../command';
import { dbCommand } from './db';
import { healthCommand } from './health';
import { scanCommand } from './scan';

/** Every command of the `stop` command line. Add new commands here. */
export const COMMANDS: CliCommand[] = [healthCommand, dbCommand, scanCommand];
