// Every command, in the order --help lists them.
import type { Register } from '../command.js';
import { register as subnet } from './subnet.js';
import { register as sameNet } from './same-net.js';
import { register as resolve } from './resolve.js';
import { register as gateway } from './gateway.js';
import { register as interfaces } from './interfaces.js';
import { register as route } from './route.js';
import { register as grep } from './grep.js';
import { register as merge } from './merge.js';
import { register as exclude } from './exclude.js';
import { register as intersect } from './intersect.js';
import { register as compare } from './compare.js';
import { register as split } from './split.js';
import { register as list } from './list.js';
import { register as jwt } from './jwt.js';
import { register as cookie } from './cookie.js';
import { register as completion } from './completion.js';
import { register as help } from './help.js';

export const COMMANDS: Register[] = [
  subnet, sameNet, resolve, gateway, interfaces, route, grep, merge, exclude, intersect, compare, split, list, jwt, cookie, completion, help,
];

/**
 * The names COMMANDS[i] registers, in the same order (a test holds the two together):
 * a call that names its command registers only that one, which is most of a short
 * command's start-up saved (help, completion and anything unknown get them all).
 */
export const COMMAND_NAMES: readonly string[] = [
  'subnet', 'same-net', 'resolve', 'gateway', 'interfaces', 'route', 'grep', 'merge', 'exclude', 'intersect', 'compare', 'split', 'list', 'jwt', 'cookie', 'completion', 'help',
];
