/**
 * `npm run image -- get|set <env> <service> [<tag>]`: the one documented way to read, pin, roll
 * forward or roll back the tag a service runs (see README "Image tags"). Exit 0 done, 2 usage or input error.
 */
import { image } from './image/command.ts';

const result = image(process.argv.slice(2));
for (const line of result.out) console.log(line);
for (const line of result.err) console.error(line);
process.exit(result.exitCode);
