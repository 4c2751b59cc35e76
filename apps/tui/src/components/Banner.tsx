// The latest alert (threshold, outage/recovery, extra usage) as a banner above the dashboard.
import { Box, Text } from "ink"
import type { Banner as BannerState } from "../state/TuiState.js"
import { tint } from "../theme.js"

/** The banner, or nothing. */
export const Banner = ({ banner, color }: { readonly banner: BannerState | null; readonly color: boolean }) =>
  banner === null ? null : (
    <Box borderStyle="round" {...(color ? { borderColor: "yellow" } : {})} paddingX={1}>
      <Text bold {...tint("yellow", color)} wrap="truncate-end">🔔 {banner.text}</Text>
    </Box>
  )
