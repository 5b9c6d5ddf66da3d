import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import iconv from 'iconv-lite'
import { signIn } from './session.ts'

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

test.describe.configure({ timeout: 480_000 })

/**
 * A French Excel export (Windows-1252, `;`): organisations with a contact each, large enough for
 * the progress bar to be seen, and two rows with errors for the report.
 */
function frenchExport(tag: string, rows: number): Buffer {
  const lines = ['Raison sociale;Type;Étape;Montant potentiel;Ville;Prénom;Nom;E-mail']
  for (let index = 1; index <= rows; index++) {
    lines.push(`Société ${tag} n°${index};Investisseur;Prospect;${index} 000,00 €;Paris;Élodie;Lefèvre${index};e${index}@${tag}.test`)
  }
  lines.push(`Banque ${tag};Banquier;;abc;;;;`)
  lines.push(`;;;;;Paul;;mauvais-email`)
  return iconv.encode(lines.join('\r\n'), 'win1252')
}

async function shoot(page: Page, name: string, fullPage = false) {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', fullPage })
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the import wizard from upload to finished, with progress and error report (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await signIn(page, 'sales.paris@demo.test')
    const tag = `e2e${scheme}${Date.now().toString(36)}`

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Imports' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Télécharger un fichier d’exemple' })).toHaveAttribute('href', '/exemple-import.csv')
    const sample = await page.request.get('/exemple-import.csv')
    expect(await sample.text()).toContain('Raison sociale;Type;Étape')
    await shoot(page, `imports-upload-${scheme}`)

    await page.getByTestId('import-file').setInputFiles({ name: `${tag}.csv`, mimeType: 'text/csv', buffer: frenchExport(tag, 10_000) })
    await expect(page.getByRole('heading', { name: 'Vérifiez les colonnes' })).toBeVisible({ timeout: 90_000 })
    await expect(page.getByText('Encodage détecté : windows-1252')).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Champ du CRM — Raison sociale' })).toHaveValue('organisation.name')
    await expect(page.getByRole('combobox', { name: 'Champ du CRM — Nom' })).toHaveValue('person.lastName')
    await shoot(page, `imports-mapping-${scheme}`, true)

    await page.getByRole('button', { name: 'Lancer la simulation' }).click()
    await expect(page.getByRole('heading', { name: 'Résultat de la simulation' })).toBeVisible({ timeout: 60_000 })
    await expect(page.getByText('2 lignes en erreur seront laissées de côté')).toBeVisible()
    const problems = page.getByTestId('import-problems')
    await expect(problems).toContainText('Type « Banquier » inconnu')
    await expect(problems).toContainText('Nom manquant')
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Télécharger le rapport d’erreurs (CSV)' }).click()
    const report = await downloading
    expect(report.suggestedFilename()).toBe(`${tag}-erreurs.csv`)
    const reportText = fs.readFileSync(await report.path(), 'utf8')
    expect(reportText).toContain('Ligne;Colonne;Gravité;Message')
    expect(reportText).toContain('Nom manquant')
    await shoot(page, `imports-report-${scheme}`, true)

    await page.getByTestId('import-start').click()
    const progress = page.getByRole('progressbar', { name: 'Import en cours' })
    await expect(progress).toBeVisible()
    await shoot(page, `imports-progress-${scheme}`)
    await expect(page.getByText('Import terminé', { exact: true })).toBeVisible({ timeout: 180_000 })
    await expect(page.getByText('10000 organisation(s) et 10000 personne(s) créées, 0 mise(s) à jour, 0 ignorée(s).')).toBeVisible()
    await expect(page.getByTestId('import-history')).toContainText(`${tag}.csv`)
    await shoot(page, `imports-finished-${scheme}`, true)

    // The outcome stays after leaving the page and coming back.
    await page.goto('/')
    await page.goBack()
    await expect(page.getByText('Import terminé', { exact: true })).toBeVisible()
  })
}

test('the imports page on a phone, without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, 'sales.paris@demo.test')
  await page.goto('/imports')
  await page.getByTestId('import-file').setInputFiles({ name: 'telephone.csv', mimeType: 'text/csv', buffer: frenchExport(`phone${Date.now().toString(36)}`, 3) })
  await expect(page.getByRole('heading', { name: 'Vérifiez les colonnes' })).toBeVisible({ timeout: 90_000 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await shoot(page, 'imports-mapping-phone', true)
})
