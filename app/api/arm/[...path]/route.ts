// Every path under /api/arm: the ARM-shaped registration API (lib/arm/arm-routes.ts lists them).
// One catch-all, because ARM paths are case-insensitive and unknown paths answer ARM errors.
import { handleArmRequest } from "@/lib/arm/handle-arm-request";

export const dynamic = "force-dynamic";

export const GET = handleArmRequest;
export const PUT = handleArmRequest;
export const PATCH = handleArmRequest;
export const DELETE = handleArmRequest;
export const POST = handleArmRequest;
export const HEAD = handleArmRequest;
export const OPTIONS = handleArmRequest;
