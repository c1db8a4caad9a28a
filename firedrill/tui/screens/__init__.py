"""The console's screens: the main console and its modal dialogs."""
