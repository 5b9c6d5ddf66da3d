import { describe, expect, it } from 'vitest'
import { USER_COLORS, userColor } from '../../src/shared/realtime/collaboration.ts'

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

describe('user colours', () => {
  it('carry white initials at 4.5:1 or more (WCAG AA for small text)', () => {
    for (const color of USER_COLORS) expect(1.05 / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5)
  })

  it('use the colour a user chose when it is one of the palette, else the one derived from their id', () => {
    const id = '7c0f6d1e-4b1a-4f7e-9a57-1f0c2b3d4e5f'
    const chosen = USER_COLORS.find((color) => color !== userColor(id))!
    expect(userColor(id, chosen)).toBe(chosen)
    expect(userColor(id, null)).toBe(userColor(id))
    expect(userColor(id, '#123456')).toBe(userColor(id))
  })
})
