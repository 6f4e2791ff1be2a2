// Tailwind 3 (pure JavaScript): Tailwind 4's native engine ships per-platform packages that this
// project's registry doesn't carry for every platform, which breaks `npm ci` on a clean clone.
/** @type {import('tailwindcss').Config} */
const tailwindConfig = {
  // Only UI folders: lib/ holds regexes like /[-:T]/ that Tailwind would read as arbitrary properties.
  content: ["./app/**/*.tsx", "./components/**/*.tsx"],
  theme: {
    extend: {
      fontFamily: { sans: ["Inter", "ui-sans-serif", "system-ui", "sans-serif"] },
      colors: {
        brand: { 50: "#eff6fc", 100: "#deecf9", 500: "#0078d4", 600: "#106ebe", 700: "#005a9e", 900: "#002050" },
      },
      boxShadow: { xs: "0 1px 2px 0 rgb(0 0 0 / 0.05)" },
    },
  },
  plugins: [],
};

export default tailwindConfig;
