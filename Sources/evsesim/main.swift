print("evsesim")
