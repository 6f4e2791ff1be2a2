// The demo customers (fixed table). The distributor (Northwind) owns none itself: in the indirect
// model it works through its resellers, who own the customer relationship, while Northwind is the
// CSP partner of record that their customers' subscriptions roll up to.
import type { DemoPartnerKey } from "./demo-data";

export interface DemoCustomerRow {
  partner: DemoPartnerKey;
  name: string;
  /** Used in subscription display names, e.g. "Woodgrove production". */
  short: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Domain prefix when the one derived from the name is not wanted. */
  slug?: string;
  /** The customer's last subscription is SUSPENDED (e.g. for non-payment). */
  suspended?: boolean;
}

export const DEMO_CUSTOMER_TABLE: readonly DemoCustomerRow[] = [
  // Adatum Cloud Partners (direct CSP, US)
  { partner: "adatum", name: "Litware, Inc.", short: "Litware", country: "US", slug: "litwareinc" },
  { partner: "adatum", name: "Lucerne Publishing", short: "Lucerne", country: "US" },
  { partner: "adatum", name: "Blue Yonder Airlines", short: "Blue Yonder", country: "US" },
  { partner: "adatum", name: "Humongous Insurance", short: "Humongous", country: "US" },
  { partner: "adatum", name: "Margie's Travel", short: "Margie's Travel", country: "AU" },
  { partner: "adatum", name: "Graphic Design Institute", short: "GDI", country: "US" },
  { partner: "adatum", name: "Southridge Video", short: "Southridge", country: "CA" },
  { partner: "adatum", name: "Consolidated Messenger", short: "Consolidated", country: "US" },
  { partner: "adatum", name: "VanArsdel, Ltd.", short: "VanArsdel", country: "NL" },
  { partner: "adatum", name: "Bellows College", short: "Bellows", country: "US" },
  { partner: "adatum", name: "City Power & Light", short: "CP&L", country: "US", suspended: true },
  { partner: "adatum", name: "Woodgrove Bank", short: "Woodgrove", country: "US" },

  // Contoso IT Services (reseller under Northwind, US)
  { partner: "contoso", name: "Alpine Ski House", short: "Alpine", country: "US" },
  { partner: "contoso", name: "Wide World Importers", short: "Wide World", country: "US" },
  { partner: "contoso", name: "Fourth Coffee", short: "Fourth Coffee", country: "US" },
  { partner: "contoso", name: "Trey Research", short: "Trey", country: "CA" },
  { partner: "contoso", name: "Coho Winery", short: "Coho", country: "US" },
  { partner: "contoso", name: "Lamna Healthcare Company", short: "Lamna", country: "US" },
  { partner: "contoso", name: "Wingtip Toys", short: "Wingtip", country: "US" },
  { partner: "contoso", name: "Relecloud", short: "Relecloud", country: "US" },
  { partner: "contoso", name: "Proseware, Inc.", short: "Proseware", country: "MX" },
  { partner: "contoso", name: "Best For You Organics Company", short: "Best For You", country: "US" },

  // Fabrikam Solutions (reseller under Northwind, GB)
  { partner: "fabrikam", name: "Brightwater Logistics Ltd", short: "Brightwater", country: "GB" },
  { partner: "fabrikam", name: "Harrowgate Building Society", short: "Harrowgate", country: "GB" },
  { partner: "fabrikam", name: "Kestrel Engineering plc", short: "Kestrel", country: "GB" },
  { partner: "fabrikam", name: "Thames Valley Dental Group", short: "Thames Valley", country: "GB" },
  { partner: "fabrikam", name: "Pennine Foods Ltd", short: "Pennine", country: "GB" },
  { partner: "fabrikam", name: "Ardmore Legal LLP", short: "Ardmore", country: "IE" },
  { partner: "fabrikam", name: "Liffey Analytics", short: "Liffey", country: "IE" },
  { partner: "fabrikam", name: "Caledonia Renewables Ltd", short: "Caledonia", country: "GB" },
  { partner: "fabrikam", name: "Northgate Academy Trust", short: "Northgate", country: "GB" },
  { partner: "fabrikam", name: "Saltire Housing Association", short: "Saltire", country: "GB", suspended: true },

  // Tailspin Systems (reseller under Northwind, DE)
  { partner: "tailspin", name: "Rheinland Maschinenbau GmbH", short: "Rheinland", country: "DE" },
  { partner: "tailspin", name: "Bergmann Logistik GmbH", short: "Bergmann", country: "DE" },
  { partner: "tailspin", name: "Alpenblick Hotels AG", short: "Alpenblick", country: "AT" },
  { partner: "tailspin", name: "Stadtwerke Elbtal", short: "Elbtal", country: "DE" },
  { partner: "tailspin", name: "Kessler Medizintechnik GmbH", short: "Kessler", country: "DE" },
  { partner: "tailspin", name: "Helvetia Präzision AG", short: "Helvetia", country: "CH" },
  { partner: "tailspin", name: "Nordlicht Versicherung AG", short: "Nordlicht", country: "DE" },
  { partner: "tailspin", name: "Vogel & Partner Steuerberatung", short: "Vogel", country: "DE" },
  { partner: "tailspin", name: "Zeller Automotive Systeme GmbH", short: "Zeller", country: "DE" },
  { partner: "tailspin", name: "Lumière Optique SA", short: "Lumière", country: "FR" },
];

/** Suffixes for a customer's second subscription ("<short> <suffix>"); the first is "Azure plan". */
export const SECOND_SUBSCRIPTION_NAMES: readonly string[] = ["production", "dev/test", "disaster recovery", "Azure Stack Hub", "analytics"];
