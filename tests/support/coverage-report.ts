// Line coverage of src/, as `npm test` prints it at the end: the vitest run's (server, shared and
// the few client modules unit-tested) united with the browser's (the client as Playwright drove it,
// mapped back to src/client through the build's hidden source maps). A line counts as covered when
// either run executed it.
import fs from 'node:fs'
import path from 'node:path'
import libCoverage, { type CoverageMapData } from 'istanbul-lib-coverage'
import MCR from 'monocart-coverage-reports'
import { PROJECT_ROOT } from './processes.ts'

const COVERAGE = path.join(PROJECT_ROOT, 'coverage')
const E2E_RAW = path.join(COVERAGE, 'e2e-v8')
const E2E_OUT = path.join(COVERAGE, 'e2e')
const DIST = path.join(PROJECT_ROOT, 'dist/client')

type LineHits = Map<string, Map<number, number>>

function linesOf(data: CoverageMapData): LineHits {
  const map = libCoverage.createCoverageMap(data)
  const result: LineHits = new Map()
  for (const file of map.files()) {
    const relative = path.relative(PROJECT_ROOT, path.resolve(PROJECT_ROOT, file))
    if (!relative.startsWith('src/')) continue
    const lines = new Map<number, number>()
    for (const [line, hits] of Object.entries(map.fileCoverageFor(file).getLineCoverage())) lines.set(Number(line), hits)
    result.set(relative, lines)
  }
  return result
}

async function browserCoverage(): Promise<LineHits> {
  if (!fs.existsSync(E2E_RAW)) return new Map()
  const files = fs.readdirSync(E2E_RAW).filter((name) => name.endsWith('.json'))
  if (!files.length) return new Map()
  const mcr = MCR({
    name: 'Alforis CRM, browser',
    outputDir: E2E_OUT,
    // V8's own line figures: every non-blank, non-comment line of the original source.
    reports: [['v8-json']],
    sourceFilter: (sourcePath: string) => /^src\/(client|shared)\//.test(sourcePath),
    sourcePath: (sourcePath: string) => sourcePath.replace(/^(\.\.\/)+/, ''),
    logging: 'error',
  })
  mcr.cleanCache()
  const sources = new Map<string, { source: string; sourceMap?: unknown }>()
  const bundle = (url: string) => {
    let found = sources.get(url)
    if (!found) {
      const file = path.join(DIST, url)
      const mapFile = `${file}.map`
      found = {
        source: fs.readFileSync(file, 'utf8'),
        sourceMap: fs.existsSync(mapFile) ? JSON.parse(fs.readFileSync(mapFile, 'utf8')) : undefined,
      }
      sources.set(url, found)
    }
    return found
  }
  for (const name of files) {
    const entries = JSON.parse(fs.readFileSync(path.join(E2E_RAW, name), 'utf8')) as Array<{ url: string; functions: unknown[] }>
    const present = entries.filter((entry) => fs.existsSync(path.join(DIST, entry.url)))
    await mcr.add(present.map((entry) => ({ ...entry, url: `http://app${entry.url}`, ...bundle(entry.url) })))
  }
  const results = await mcr.generate()
  const hits: LineHits = new Map()
  for (const file of results?.files ?? []) {
    const lines = new Map<number, number>()
    // A number of hits, or a string for a partly covered line (covered, for a line count).
    for (const [line, count] of Object.entries(file.data?.lines ?? {})) lines.set(Number(line), typeof count === 'number' ? count : 1)
    if (file.sourcePath.startsWith('src/')) hits.set(file.sourcePath, lines)
  }
  return hits
}

function percent(covered: number, total: number) {
  return total ? `${((100 * covered) / total).toFixed(1)} %` : 'n/a'
}

async function main() {
  const vitestFile = path.join(COVERAGE, 'coverage-final.json')
  const fromVitest = fs.existsSync(vitestFile) ? linesOf(JSON.parse(fs.readFileSync(vitestFile, 'utf8')) as CoverageMapData) : new Map()
  const fromBrowser = await browserCoverage()

  // The two runs count lines differently (vitest: statement lines; V8 in the browser: every code
  // line). A file the browser ran is counted on the browser's lines, each covered if either run
  // executed it; other files on vitest's.
  const union: LineHits = new Map(fromVitest)
  for (const [file, lines] of fromBrowser) {
    const merged = new Map(lines)
    for (const [line, hits] of fromVitest.get(file) ?? []) if (hits > 0 && merged.has(line)) merged.set(line, merged.get(line)! + hits)
    union.set(file, merged)
  }

  const areas = new Map<string, { covered: number; total: number }>()
  const count = (area: string, covered: number, total: number) => {
    const current = areas.get(area) ?? { covered: 0, total: 0 }
    areas.set(area, { covered: current.covered + covered, total: current.total + total })
  }
  for (const [file, lines] of union) {
    const covered = [...lines.values()].filter((hits) => hits > 0).length
    const area = file.split('/').slice(0, 2).join('/')
    count(area, covered, lines.size)
    count('src', covered, lines.size)
  }
  const summary = Object.fromEntries([...areas].map(([area, { covered, total }]) => [area, { covered, total, pct: total ? (100 * covered) / total : 0 }]))
  fs.writeFileSync(path.join(COVERAGE, 'combined-summary.json'), `${JSON.stringify(summary, null, 2)}\n`)

  console.log('\nLine coverage of src/ (vitest + Playwright in the browser):')
  for (const area of ['src/server', 'src/shared', 'src/client', 'src']) {
    const figures = areas.get(area)
    if (figures) console.log(`  ${area.padEnd(11)} ${percent(figures.covered, figures.total).padStart(8)}  (${figures.covered}/${figures.total} lines)`)
  }
  if (!fromBrowser.size) console.log('  (no browser coverage found: run Playwright with E2E_COVERAGE_DIR=coverage/e2e-v8)')
}

await main()
