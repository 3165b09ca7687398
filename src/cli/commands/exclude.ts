// netkit exclude: placeholder, filled in by the issue that owns this command.
import type { Register } from '../command.js';

export const register: Register = () => {};
