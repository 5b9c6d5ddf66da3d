import { describe, expect, it } from 'vitest'
import { editDistance, highlightRanges, queryWords, textQueries } from '../../src/server/features/search/search-terms.ts'

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
    expect(queries).toEqual({
      exact: 'dupnot:AB & (cec:*AB | cec:*CD)',
      full: '(dupnot:AB | dupont:) & (cec:*AB | cec:*CD)',
      names: '(dupnot:A | dupont:A) & cec:*A',
      ids: '(dupnot:AB | dupont:AB) & cec:*AB',
      hasTypos: true,
    })
  })

  it('highlights matched words on the original, accented title', () => {
    const words = queryWords('eloise castag')
    expect(highlightRanges('Éloïse Castagnède', words, new Map(), new Map())).toEqual([[0, 6], [7, 13]])
    expect(highlightRanges('Hélène Dupont', queryWords('dupnot'), new Map(), new Map([['dupnot', ['dupont']]]))).toEqual([[7, 13]])
  })
})
