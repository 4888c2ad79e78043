// Preloaded into the API by `BENCH_CPU_PROF=<dir>` (catalog-bench.mjs): each SIGURG (ignored by default, and not one of
// the signals Nest's shutdown hooks stop on, as SIGUSR2 is) toggles V8's CPU profiler, and
// each stop writes `<dir>/<n>-<label>.cpuprofile` (label from the file `<dir>/label`, written by the bench before it
// signals), so each load phase gets a profile of its own. `node --cpu-prof` writes only at a clean exit, which a
// server stopped by a signal never has.
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.NSS_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  let count = 0;
  session.post('Profiler.enable');
  // Sample every 100 µs (V8's default is 1 ms): requests here take tens of microseconds.
  session.post('Profiler.setSamplingInterval', { interval: 100 });
  process.on('SIGURG', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return console.error('[cpu-profile] stop failed', error);
      let label = 'profile';
      try {
        label = fs.readFileSync(path.join(dir, 'label'), 'utf8').trim() || label;
      } catch {
        /* no label */
      }
      const file = path.join(dir, `${++count}-${label}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(result.profile));
      fs.writeFileSync(path.join(dir, 'written'), file);
    });
  });
}
