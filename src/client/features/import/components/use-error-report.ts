import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '../../../lib/trpc.ts'
import { downloadText } from '../import-upload.ts'

/** Fetches the CSV error report (in the viewer's language) and saves it. */
export function useErrorReport(id: string) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const report = await queryClient.fetchQuery({ ...trpc.imports.errorReport.queryOptions({ id }), staleTime: 0 })
      downloadText(report.fileName, report.csv)
    },
  })
}
