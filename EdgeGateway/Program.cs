// Stand-alone edge gateway for cluster mode: filled in with issue 5.
return 0;
