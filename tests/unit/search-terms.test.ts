import { describe, expect, it } from 'vitest'
import { editDistance, highlightRanges, indexQuery, queryWords, textQueries } from '../../src/server/features/search/search-terms.ts'

describe('search terms', () => {
  it('splits a query into normalized words, the last one a prefix, typos allowed from 5 letters', () => {
    expect(queryWords("  L'Œuvre  Société-Générale d ")).toEqual([
      { text: 'oeuvre', prefix: false, maxEdits: 1 },
      { text: 'societe', prefix: false, maxEdits: 1 },
      { text: 'generale', prefix: true, maxEdits: 1 },
    ])
    expect(queryWords('Montpensier')[0]).toMatchObject({ maxEdits: 2 })
    expect(queryWords('FR0010315770')).toEqual([{ text: 'fr0010315770', prefix: true, maxEdits: 0 }])
    expect(queryWords('& | ! ( ) : * <-> %_\\ 🙂 \u0000')).toEqual([])
  })

  it('reads a phone number in any format as its national digits', () => {
    for (const phone of ['+33 1 47 12 98 76', '0033147129876', '01.47.12.98.76', '(01) 47-12-98-76']) {
      expect(queryWords(phone), phone).toEqual([{ text: '0147129876', prefix: true, maxEdits: 0 }])
    }
  })

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('dupont', 'dupnot', 1)).toBe(1)
    expect(editDistance('dupont', 'dupond', 1)).toBe(1)
    expect(editDistance('dupont', 'dupon', 1)).toBe(1)
    expect(editDistance('dupont', 'duppont', 1)).toBe(1)
    expect(editDistance('dupont', 'dpunot', 1)).toBe(2)
    expect(editDistance('brandenvalle', 'brandanvale', 2)).toBe(2)
  })

  it('builds tsqueries from words made of [a-z0-9] only', () => {
    const words = queryWords('dupnot cec')
    const queries = textQueries(words, new Map([['cec', ['cec']]]), new Map([['dupnot', ['dupont']]]))
    expect(queries).toMatchObject({
      exact: 'dupnot:AB & (cec:*AB | cec:*CD)',
      full: '(dupnot:AB | dupont:) & (cec:*AB | cec:*CD)',
      names: '(dupnot:A | dupont:A) & cec:*A',
      ids: '(dupnot:AB | dupont:AB) & cec:*AB',
      hasTypos: true,
    })
    expect(queries.fullTerms).toEqual([
      { text: '(dupnot:AB | dupont:)', lookup: '(dupnot | dupont)', lexemes: ['dupnot', 'dupont'], prefixes: [] },
      { text: '(cec:*AB | cec:*CD)', lookup: 'cec:*', lexemes: [], prefixes: ['cec'] },
    ])
  })

  it('looks each prefix up once in the index: a stem equal to the word, or covered by a shorter prefix, or a correction it covers', () => {
    const words = queryWords('reunions marie')
    const stems = new Map([['reunions', ['reunion']], ['marie', ['mari']]])
    const { fullTerms } = textQueries(words, stems, new Map([['marie', ['maria', 'mario', 'morie']]]))
    expect(fullTerms.map((term) => term.lookup)).toEqual(['(reunions | reunion)', '(mari:* | morie)'])
    expect(fullTerms[1].text).toBe('(marie:*AB | mari:*CD | maria: | mario: | morie:)')
  })

  it('leaves very common words and the prefix of a common word out of the index lookup when rarer words remain', () => {
    const frequencies = { rows: 670_000, common: new Map([['de', 0.17], ['des', 0.15], ['caisse', 0.07], ['paris', 0.1], ['parisien', 0.01]]), rare: 0.0001 }
    const words = queryWords('Caisse des Architectes de Paris')
    const { exactTerms } = textQueries(words, new Map(), new Map())
    expect(indexQuery(exactTerms, frequencies).text).toBe('architectes')
    // Alone, a common word is still looked up; so is a rare prefix.
    expect(indexQuery(textQueries(queryWords('de'), new Map(), new Map()).exactTerms, frequencies).text).toBe('de:*')
    expect(indexQuery(textQueries(queryWords('des zorglub'), new Map(), new Map()).exactTerms, frequencies).text).toBe('zorglub:*')
  })

  it('looks up a distinctive word rather than the short words that go with the others ("de la Roche")', () => {
    const frequencies = { rows: 335_000, common: new Map([['de', 0.018], ['la', 0.01], ['roche', 0.0187], ['etienne', 0.0163]]), rare: 0.0001 }
    const { fullTerms } = textQueries(queryWords('roche la de wtienne'), new Map(), new Map([['wtienne', ['etienne']]]))
    expect(indexQuery(fullTerms, frequencies).text).toBe('roche & la & (wtienne:* | etienne)')
  })

  it('estimates a common prefix to cost far more than a rare word (vague queries are planned for their words)', () => {
    const frequencies = { rows: 670_000, common: new Map([['de', 0.17], ['des', 0.15]]), rare: 0.0001 }
    const costOf = (query: string) => indexQuery(textQueries(queryWords(query), new Map(), new Map()).exactTerms, frequencies).cost
    expect(costOf('de')).toBeGreaterThan(300_000)
    expect(costOf('caisse des architectes')).toBeLessThan(20_000)
  })

  it('highlights matched words on the original, accented title', () => {
    const words = queryWords('eloise castag')
    expect(highlightRanges('Éloïse Castagnède', words, new Map(), new Map())).toEqual([[0, 6], [7, 13]])
    expect(highlightRanges('Hélène Dupont', queryWords('dupnot'), new Map(), new Map([['dupnot', ['dupont']]]))).toEqual([[7, 13]])
  })
})
