/**
 * `npm run image -- get|set <env> <service> [<tag>]`: the one documented way to read, pin, roll
 * forward or roll back the tag a service runs (see README "Image tags"). Argument handling and the
 * command are in scripts/image/command.ts; exit 0 done, 2 usage or input error.
 */
import { finish } from './cli.ts';
import { image } from './image/command.ts';

finish(image(process.argv.slice(2)));
