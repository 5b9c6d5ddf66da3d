import { z } from 'zod'

// Zod probes `new Function` to speed up parsing; the Content-Security-Policy forbids eval, and the
// browser reports the probe as a violation even though Zod catches it. Imported first by main.tsx.
z.config({ jitless: true })
