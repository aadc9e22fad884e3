/**
 * `npm run diagram`: each environment's app-of-apps as a Mermaid picture (see scripts/diagram/).
 * Argument parsing only.
 */
import { finish, parseCommand } from './cli.ts';
import { diagram } from './diagram/command.ts';
import { DIAGRAM_SPEC } from './commands/diagram.ts';

const parsed = parseCommand(DIAGRAM_SPEC, process.argv.slice(2));
finish(parsed.ok ? diagram(parsed.values) : parsed);
