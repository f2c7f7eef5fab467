import { rmSync } from 'node:fs';

// Both tsup configs build in parallel, so neither may clean: the build script does it once.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
