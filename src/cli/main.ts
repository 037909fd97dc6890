/**
 * The `ganvas` command (bin/ganvas.js runs this file through tsx). A user's mistake ends with
 * one clear message and exit code 2, never a stack trace; stdout carries only what a
 * command is asked to print (help, the version, --json lines), so it can be piped.
 */
import { readFileSync } from 'node:fs';
import { parseCommand } from './args';
import { CliError, EXIT } from './errors';
import type { Io } from './train';

const stdio: Io = {
  out: (line) => void process.stdout.write(line + '\n'),
  err: (line) => void process.stderr.write(line + '\n'),
};

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.out(command.text.trimEnd());
        return EXIT.ok;
      case 'version':
        io.out(version());
        return EXIT.ok;
      case 'train': {
        // Loaded only here: tfjs and the node library take seconds to import, help should not.
        const { train } = await import('./train');
        return await train(command.args, io);
      }
      case 'export': {
        const { exportRun } = await import('./export');
        return exportRun(command.args, io, version());
      }
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exitCode;
    }
    io.err(`ganvas: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.failed;
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the command for this process and exits with its code. */
export async function run(): Promise<never> {
  // Libraries (tfjs) log with console.log; stdout is reserved for the command's own output.
  console.log = console.info = console.debug = console.error;
  // tfjs' cpu backend advertises tfjs-node on first use; the CLI chose its backend on purpose.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('install our node backend')) return;
    warn(...args);
  };
  // A closed pipe (`ganvas train … --json | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  const code = await main(process.argv.slice(2));
  // tfjs' backends may keep handles open; the run is over, so exit explicitly.
  process.exitCode = code;
  await new Promise<void>((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())));
  process.exit(code);
}
