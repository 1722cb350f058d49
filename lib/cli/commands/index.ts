import type { CliCommand } from '../command';
import { benchCommand } from './bench';
import { dbCommand } from './db';
import {
  baselineCommand,
  improveCommand,
  metaUtilityCommand,
  runCommand,
  sandboxStudyCommand,
  transferCommand,
} from './experiments';
import { figureCommand } from './figure';
import { healthCommand } from './health';
import { cancelCommand, resumeCommand, runsCommand, showCommand } from './runs';
import { tasksCommand } from './tasks';
import { scanCommand } from './scan';
import { serveScriptedLmCommand } from './serve-scripted-lm';
import { workerCommand } from './worker';

/** Every command of the `stop` command line. Add new commands here. */
export const COMMANDS: CliCommand[] = [
  tasksCommand,
  improveCommand,
  metaUtilityCommand,
  runCommand,
  transferCommand,
  sandboxStudyCommand,
  baselineCommand,
  runsCommand,
  showCommand,
  figureCommand,
  resumeCommand,
  cancelCommand,
  healthCommand,
  dbCommand, scanCommand, serveScriptedLmCommand, benchCommand, workerCommand];
