const postcssConfig = { plugins: { tailwindcss: {} } };

export default postcssConfig;
