from depfence.cli import main

raise SystemExit(main())
