import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type APIRequestContext, type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

test.describe.configure({ timeout: 180_000 })

/** A made-up word of 10 letters, so that this run's records are the only ones it matches. */
function inventedWord(): string {
  const consonants = 'bcdfglmnprstv'
  const vowels = 'aeiou'
  let word = ''
  for (let index = 0; index < 10; index++) {
    const letters = index % 2 === 0 ? consonants : vowels
    word += letters[Math.floor(Math.random() * letters.length)]
  }
  return word[0].toUpperCase() + word.slice(1)
}

async function createOrganisation(request: APIRequestContext, name: string, city: string): Promise<{ id: string }> {
  const response = await request.post('/trpc/organisations.create', { data: { json: { name, type: 'INVESTOR', city, stage: 'QUALIFIED' } } })
  expect(response.ok(), await response.text()).toBe(true)
  return (await response.json()).result.data.json
}

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
}

test('opens with Ctrl+K from the board, finds a misspelt name, opens it with the keyboard, and lists it as recent', async ({ page }) => {
  await signIn(page, 'sales.paris@demo.test')
  const word = inventedWord()
  const name = `Société ${word} Gestion`
  const created = await createOrganisation(page.request, name, 'Montpellier')
  // One transposition in the invented word, accents dropped, lower case.
  const typo = `societe ${word.slice(0, 4)}${word[5]}${word[4]}${word.slice(6)}`.toLowerCase()

  await page.goto('/pipeline')
  await expect(page.getByTestId('pipeline-board')).toBeVisible({ timeout: 30_000 })
  await page.keyboard.press('Control+k')
  const palette = page.getByTestId('search-palette')
  const input = palette.getByRole('combobox', { name: 'Rechercher dans tout le CRM' })
  await expect(input).toBeFocused()
  await input.fill(typo)
  const option = palette.getByRole('option', { name: new RegExp(word) })
  await expect(option).toBeVisible()
  await expect(option).toContainText('Montpellier · Qualifié')
  await expect(option.locator('mark').first()).toHaveText('Société')

  // The first option is the organisation; the keyboard walks down and back up to it.
  await input.press('ArrowDown')
  await input.press('ArrowUp')
  await expect(option).toHaveAttribute('aria-selected', 'true')
  await input.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/organisations/${created.id}$`))
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(palette).toBeHidden()

  // "/" outside a field opens it again: with nothing typed, the recent records, this one first.
  await page.locator('main').click({ position: { x: 1, y: 1 } })
  await page.keyboard.press('/')
  await expect(palette.getByRole('listbox', { name: 'Consultés récemment' })).toBeVisible()
  await expect(palette.getByRole('option').first()).toContainText(name)
  await page.keyboard.press('Escape')
  await expect(palette).toBeHidden()
})

test('shows an empty state, and "see all" opens the results page with its kind filter in the address', async ({ page }) => {
  await signIn(page, 'sales.paris@demo.test')
  await page.getByTestId('search-button').click()
  const palette = page.getByTestId('search-palette')
  const input = palette.getByRole('combobox')
  await input.fill('zzqxwvk')
  await expect(palette.getByTestId('search-empty')).toContainText('Aucun résultat pour « zzqxwvk »')

  const word = inventedWord()
  for (const city of ['Lyon', 'Nantes']) await createOrganisation(page.request, `${word} ${city}`, city)
  await input.fill(word.toLowerCase())
  await expect(palette.getByRole('option')).toHaveCount(3)
  await input.press('End')
  await input.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${word.toLowerCase()}`))
  await expect(page.getByTestId('search-results').getByRole('link')).toHaveCount(2)
  await page.getByRole('radio', { name: 'Personnes' }).check()
  await expect(page).toHaveURL(/kind=person/)
  await expect(page.getByText(`Aucun résultat pour « ${word.toLowerCase()} »`)).toBeVisible()
})

test.describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`palette and results page in the ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await signIn(page, 'manager.paris@demo.test')
      await page.keyboard.press('Control+k')
      const palette = page.getByTestId('search-palette')
      await palette.getByRole('combobox').fill('mutuelle')
      await expect(palette.getByRole('option').first()).toBeVisible()
      await expect(palette.getByRole('group').first()).toBeVisible()
      await shoot(page, `search-palette-${scheme}`)
      await page.keyboard.press('Escape')
      await page.goto('/search?q=martin')
      await expect(page.getByTestId('search-results')).toBeVisible()
      await shoot(page, `search-page-${scheme}`)
    })
  }

  test('palette on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await signIn(page, 'sales.paris@demo.test')
    await page.getByTestId('search-button').click()
    const palette = page.getByTestId('search-palette')
    await palette.getByRole('combobox').fill('dupnot')
    await expect(palette.getByRole('option').first()).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
    await shoot(page, 'search-palette-phone')
    await page.keyboard.press('Escape')
    await page.goto('/search?q=caisse&kind=organisation')
    await expect(page.getByTestId('search-results')).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await shoot(page, 'search-page-phone')
  })
})
