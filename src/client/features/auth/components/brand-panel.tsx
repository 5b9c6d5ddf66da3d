import type { LucideIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Logo } from '../../../components/ui/logo.tsx'

interface BrandPanelProps {
  points: { icon: LucideIcon; text: string }[]
}

// A stylised pipeline (stages and cards) that hints at the product without real data.
const PREVIEW_COLUMNS = [
  { stage: 'prospect', cards: [68, 52, 80] },
  { stage: 'proposal', cards: [74, 60] },
  { stage: 'won', cards: [56] },
] as const

export function BrandPanel({ points }: BrandPanelProps) {
  const { t } = useTranslation()
  return (
    <aside className="relative hidden overflow-hidden bg-indigo-950 text-white lg:flex lg:flex-col lg:justify-between lg:p-12 xl:p-16">
      {/* Gradients rather than blur filters: software-rendered browsers repaint blurs slowly. */}
      <div
        aria-hidden
        className="absolute inset-0 bg-[radial-gradient(circle_at_10%_5%,rgb(79_70_229/0.6),transparent_50%),radial-gradient(circle_at_95%_100%,rgb(139_92_246/0.35),transparent_45%)]"
      />
      <div
        aria-hidden
        className="absolute inset-0 bg-[linear-gradient(to_right,rgb(255_255_255/0.04)_1px,transparent_1px),linear-gradient(to_bottom,rgb(255_255_255/0.04)_1px,transparent_1px)] bg-[size:48px_48px]"
      />

      <Logo inverse className="relative" />

      <div className="relative max-w-lg">
        <p className="text-4xl/tight font-semibold tracking-tight text-balance">{t('login.heroTitle')}</p>
        <p className="mt-4 text-base/7 text-indigo-100/80">{t('login.heroText')}</p>
        <ul className="mt-8 space-y-3">
          {points.map(({ icon: Icon, text }) => (
            <li key={text} className="flex items-center gap-3 text-sm text-indigo-50">
              <span className="flex size-8 items-center justify-center rounded-lg bg-white/10 ring-1 ring-white/15">
                <Icon aria-hidden className="size-4" />
              </span>
              {text}
            </li>
          ))}
        </ul>
      </div>

      <div aria-hidden className="relative grid max-w-lg grid-cols-3 gap-3">
        {PREVIEW_COLUMNS.map(({ stage, cards }) => (
          <div key={stage} className="rounded-xl bg-white/5 p-3 ring-1 ring-white/10">
            <div className="mb-3 flex items-center justify-between text-[11px] font-medium tracking-wide text-indigo-200/80 uppercase">
              {t(`login.previewStages.${stage}`)}
              <span className="rounded-full bg-white/10 px-1.5">{cards.length}</span>
            </div>
            <div className="space-y-2">
              {cards.map((width, index) => (
                <div key={index} className="rounded-lg bg-white/10 p-2.5 ring-1 ring-white/10">
                  <div className="h-1.5 rounded-full bg-white/50" style={{ width: `${width}%` }} />
                  <div className="mt-2 h-1.5 w-1/3 rounded-full bg-indigo-300/40" />
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
    </aside>
  )
}
