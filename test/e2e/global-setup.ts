import { rmSync } from 'node:fs';
import { LOG_DIR } from './logs';

export default function globalSetup(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
}
